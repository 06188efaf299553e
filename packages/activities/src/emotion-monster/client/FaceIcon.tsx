/**
 * A jar's face as inline SVG for the DOM controls (console buttons, the tablet's own-answer
 * summary): the same geometry the Phaser stages draw, so the teacher's "joy" button shows the very
 * face the children see on the joy jar.
 */
import type { Emotion } from '../logic/model.js';
import { type FaceInk, faceInkColour, faceOf } from './faces.js';
import { cssColour, emotionColour, shade } from './theme.js';

export interface FaceIconProps {
  emotion: Emotion;
  /** Pixels. */
  size?: number;
  /** When given, the icon is announced with this name; otherwise it is decorative. */
  title?: string;
}

export function FaceIcon({ emotion, size = 40, title }: FaceIconProps) {
  const colour = emotionColour(emotion);
  const ink = (p: { ink: FaceInk }): string => cssColour(faceInkColour(p.ink, emotion));
  return (
    <svg
      width={size}
      height={size}
      viewBox="-1.16 -1.16 2.32 2.32"
      role={title ? 'img' : undefined}
      aria-hidden={title ? undefined : true}
      aria-label={title}
      style={{ flex: 'none', display: 'block' }}
    >
      <circle r={1.12} fill="#ffffff" />
      <circle r={1} fill={cssColour(colour)} stroke={cssColour(shade(colour, -0.35))} strokeWidth={0.08} />
      {faceOf(emotion).map((p, i) => {
        const key = `${p.kind}-${i}`;
        if (p.kind === 'dot') return <circle key={key} cx={p.x * 0.92} cy={p.y * 0.92} r={p.r * 0.92} fill={ink(p)} />;
        const points = p.points.map(([x, y]) => `${x * 0.92},${y * 0.92}`).join(' ');
        if (p.kind === 'shape') return <polygon key={key} points={points} fill={ink(p)} />;
        return (
          <polyline
            key={key}
            points={points}
            fill="none"
            stroke={ink(p)}
            strokeWidth={p.width * 0.92}
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        );
      })}
    </svg>
  );
}
