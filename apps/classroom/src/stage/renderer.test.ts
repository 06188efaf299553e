import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer } from './renderer';

describe('isSoftwareRenderer', () => {
  it('recognises WebGL emulated on the CPU', () => {
    for (const name of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'Google SwiftShader',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'Mesa OffScreen',
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)',
      'Software Rasterizer',
    ]) {
      expect(isSoftwareRenderer(name), name).toBe(true);
    }
  });

  it('keeps WebGL on real GPUs', () => {
    for (const name of [
      'Mali-G52 MC2',
      'Adreno (TM) 610',
      'Apple GPU',
      'ANGLE (Intel, Intel(R) UHD Graphics 620 Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'PowerVR Rogue GE8320',
      'Mesa Intel(R) HD Graphics 520 (SKL GT2)',
    ]) {
      expect(isSoftwareRenderer(name), name).toBe(false);
    }
  });
});
