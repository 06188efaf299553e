/**
 * A team's badge for the DOM (tablet controls, teacher console): the team's shape in its colour on
 * a white disc — the same polygon the Phaser stages draw (shapes.ts), so the badges match.
 */
import { svgPoints } from './shapes.js';
import { cssColour, shade, teamStyle } from './theme.js';

export function TeamBadge({ team, size = 40 }: { team: number; size?: number }) {
  const style = teamStyle(team);
  const edge = cssColour(shade(style.colour, -0.35));
  const inner = size * 0.64;
  const offset = (size - inner) / 2;
  return (
    <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true" style={{ flex: 'none' }}>
      <circle cx={size / 2} cy={size / 2} r={size / 2 - 1.5} fill="#ffffff" stroke={edge} strokeWidth={2.5} />
      <g transform={`translate(${offset} ${offset})`}>
        <polygon
          points={svgPoints(style.shape, inner, 0.02)}
          fill={cssColour(style.colour)}
          stroke={edge}
          strokeWidth={1.5}
        />
      </g>
    </svg>
  );
}
