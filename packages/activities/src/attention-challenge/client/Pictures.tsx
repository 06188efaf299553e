/**
 * The fish, the shark, a tick and a cross, and a level's picture as inline SVG for the DOM controls
 * (the tablet's how-to and results, the console's level buttons): the same geometry pictures.ts
 * gives the Phaser stages, so the fish on a console button is the fish the children see.
 */
import type { LevelSpec, Picture } from '../logic/model.js';
import { CROSS, GO_COLOUR, OUTLINE, type Part, type Point, pictureParts, STOP_COLOUR, TICK } from './pictures.js';
import { cssColour, TILE_EDGE } from './theme.js';

function points(list: readonly Point[]): string {
  return list.map(([x, y]) => `${x},${y}`).join(' ');
}

function PartShape({ part }: { part: Part }) {
  switch (part.kind) {
    case 'ellipse':
      return (
        <ellipse
          cx={part.cx}
          cy={part.cy}
          rx={part.rx}
          ry={part.ry}
          fill={cssColour(part.fill)}
          stroke={part.stroke === undefined ? undefined : cssColour(part.stroke)}
          strokeWidth={OUTLINE}
        />
      );
    case 'circle':
      return <circle cx={part.cx} cy={part.cy} r={part.r} fill={cssColour(part.fill)} fillOpacity={part.alpha ?? 1} />;
    case 'poly':
      return (
        <polygon
          points={points(part.points)}
          fill={cssColour(part.fill)}
          stroke={part.stroke === undefined ? undefined : cssColour(part.stroke)}
          strokeWidth={OUTLINE}
          strokeLinejoin="round"
        />
      );
    case 'line':
      return (
        <polyline
          points={points(part.points)}
          fill="none"
          stroke={cssColour(part.colour)}
          strokeWidth={part.width}
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      );
  }
}

export interface PictureIconProps {
  picture: Picture;
  size?: number;
  /** When given, the picture is announced with this name; otherwise it is decorative. */
  title?: string;
}

export function PictureIcon({ picture, size = 48, title }: PictureIconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="-1.05 -1.05 2.1 2.1"
      role={title ? 'img' : undefined}
      aria-hidden={title ? undefined : true}
      aria-label={title}
      style={{ flex: 'none', display: 'block' }}
    >
      {pictureParts(picture).map((part, i) => {
        // The parts are a fixed list, never reordered: their place is their identity.
        const key = `${part.kind}-${i}`;
        return <PartShape key={key} part={part} />;
      })}
    </svg>
  );
}

/** A tick in a green ring ("do this") or a cross in a red ring ("don't"): always beside a picture. */
export function VerdictIcon({ go, size = 28 }: { go: boolean; size?: number }) {
  const colour = cssColour(go ? GO_COLOUR : STOP_COLOUR);
  const strokes = go ? [TICK] : CROSS;
  return (
    <svg width={size} height={size} viewBox="-1 -1 2 2" aria-hidden="true" style={{ flex: 'none', display: 'block' }}>
      <circle r={0.9} fill="#ffffff" stroke={colour} strokeWidth={0.16} />
      {strokes.map((stroke) => (
        <polyline
          key={points(stroke)}
          points={points(stroke.map(([x, y]): Point => [x * 0.62, y * 0.62]))}
          fill="none"
          stroke={colour}
          strokeWidth={0.2}
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      ))}
    </svg>
  );
}

/** A level's picture: a small numbered grid, or the fish beside the shark. */
export function LevelIcon({ spec, size = 40 }: { spec: LevelSpec; size?: number }) {
  if (spec.kind === 'gonogo') {
    return (
      <span aria-hidden="true" style={{ display: 'inline-flex', alignItems: 'center', gap: 2, flex: 'none' }}>
        <PictureIcon picture="fish" size={size * 0.75} />
        <PictureIcon picture="shark" size={size * 0.75} />
      </span>
    );
  }
  const n = spec.size;
  const gap = 0.08;
  const tile = (1 - gap * (n - 1)) / n;
  const tiles = Array.from({ length: n * n }, (_, i) => i);
  return (
    <svg width={size} height={size} viewBox="0 0 1 1" aria-hidden="true" style={{ flex: 'none', display: 'block' }}>
      {tiles.map((i) => (
        <rect
          key={i}
          x={(i % n) * (tile + gap)}
          y={Math.floor(i / n) * (tile + gap)}
          width={tile}
          height={tile}
          rx={tile * 0.2}
          fill={i === 0 ? '#fff1cf' : '#ffffff'}
          stroke={cssColour(TILE_EDGE)}
          strokeWidth={0.03}
        />
      ))}
      <text
        x={tile / 2}
        y={tile / 2}
        fontSize={tile * 0.7}
        fontWeight={800}
        textAnchor="middle"
        dominantBaseline="central"
        fill="#1d1d28"
      >
        1
      </text>
    </svg>
  );
}
