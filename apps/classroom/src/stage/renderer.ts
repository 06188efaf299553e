/**
 * Which Phaser renderer a device should use. WebGL on a real GPU; Canvas where WebGL is emulated in
 * software (SwiftShader, llvmpipe, Microsoft Basic Render Driver — a school PC or tablet with no GPU
 * driver): measured in bench/frames, emulated WebGL drew the projector at 0.5–15 fps where Canvas
 * drew 60, because every frame is rasterised on the CPU and then read back to be composited.
 */

/** Renderer names that mean "WebGL, but on the CPU". */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;

export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE.test(name);
}

/** The WebGL renderer's name on this device, or null when WebGL is unavailable. */
export function webglRendererName(doc: Document = document): string | null {
  try {
    const canvas = doc.createElement('canvas');
    const gl = canvas.getContext('webgl');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return null;
  }
}

let cached: 'canvas' | 'auto' | undefined;

/** 'canvas' when WebGL is missing or emulated in software, else 'auto' (Phaser picks WebGL). */
export function preferredRenderer(): 'canvas' | 'auto' {
  if (cached) return cached;
  const name = webglRendererName();
  cached = name === null || isSoftwareRenderer(name) ? 'canvas' : 'auto';
  return cached;
}
