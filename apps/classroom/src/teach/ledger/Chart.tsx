/**
 * One ECharts chart. ECharts itself loads on first use (a separate chunk, see echarts-setup.ts);
 * until then the box keeps its size and says so. Animation is off: a teacher reads numbers here,
 * and a screenshot shows the finished chart.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import type { ChartOption } from './echarts-setup';

type ChartInstance = ReturnType<typeof import('./echarts-setup').createChart>;

const FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export function Chart({ option, height, testId }: { option: ChartOption; height: number; testId?: string }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const latest = useRef(option);
  latest.current = option;
  const [status, setStatus] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('./echarts-setup').then(
      ({ createChart }) => {
        if (disposed || !box.current) return;
        const instance = createChart(box.current);
        chart.current = instance;
        instance.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...latest.current }, true);
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(box.current);
        setStatus('ready');
      },
      () => {
        if (!disposed) setStatus('failed');
      },
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option }, true);
  }, [option]);

  return (
    <div className="chart" style={{ height }} data-testid={testId} data-status={status}>
      <div ref={box} className="chart-canvas" />
      {status !== 'ready' && (
        <p className="chart-note muted">
          {t(status === 'failed' ? 'ledger.stats.chartsFailed' : 'ledger.stats.chartsLoading')}
        </p>
      )}
    </div>
  );
}
