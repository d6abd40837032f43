// A chart of echarts on a div: created on mount, given each new option, resized with the window
// and its container, disposed on unmount. Import this only from lazily loaded code, so that
// echarts stays out of the first bundle; the caller registers the charts and components it uses.
import { useEffect, useRef } from 'react';
import { init, type EChartsCoreOption, type EChartsType } from 'echarts/core';

type Handler = (params: unknown) => void;

/**
 * Draws `option` on the returned ref's div. `events` are echarts events (e.g.
 * legendselectchanged); their names are read once, their handlers on every call.
 */
export function useECharts<T extends HTMLElement = HTMLDivElement>(
  option: EChartsCoreOption,
  events?: Record<string, Handler>,
) {
  const ref = useRef<T>(null);
  const chart = useRef<EChartsType | null>(null);
  const handlers = useRef(events);
  useEffect(() => {
    handlers.current = events;
  });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    for (const name of Object.keys(handlers.current ?? {}))
      instance.on(name, (params) => handlers.current?.[name]?.(params));
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    // The container also changes width without a window resize (e.g. the side menu collapses).
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
    observer?.observe(el);
    return () => {
      window.removeEventListener('resize', resize);
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return ref;
}
