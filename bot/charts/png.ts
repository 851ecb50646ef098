/**
 * Charts drawn on the server: ECharts in SSR mode writes SVG, resvg turns it into a PNG with Be
 * Vietnam Pro (TTF: resvg reads no woff), so Vietnamese is drawn the same on every machine,
 * whatever fonts it has. Node only (resvg-js is a native module; Workers would need resvg-wasm).
 */
import { createRequire } from 'node:module';
import type * as Resvg from '@resvg/resvg-js';
import type * as echarts from 'echarts';

// Loaded on the first chart, not at start: ECharts and resvg hold about 50 MB that a server
// drawing no chart should not keep resident (issue 15). Both are CommonJS, so a synchronous
// require keeps the functions below synchronous.
const require = createRequire(import.meta.url);
let libraries: { echarts: typeof echarts; Resvg: typeof Resvg.Resvg } | undefined;
const charting = () => (libraries ??= { echarts: require('echarts') as typeof echarts, Resvg: (require('@resvg/resvg-js') as typeof Resvg).Resvg });

export const CHART_FONT = 'Be Vietnam Pro';

export interface ChartSize {
  width: number;
  height: number;
}

export const DEFAULT_SIZE: ChartSize = { width: 1280, height: 720 };

const FONT_FILES = ['400Regular/BeVietnamPro_400Regular.ttf', '600SemiBold/BeVietnamPro_600SemiBold.ttf'];

// Resolved once, on first use; resvg reads the files at each render (2.6 takes no buffers).
let fontFiles: string[] | undefined;

function chartFontFiles(): string[] {
  if (!fontFiles) {
    fontFiles = FONT_FILES.map((file) => require.resolve(`@expo-google-fonts/be-vietnam-pro/${file}`));
  }
  return fontFiles;
}

/** An ECharts option as SVG, through ECharts' server-side renderer (no DOM, no animation). */
export function renderSvg(option: echarts.EChartsCoreOption, size: ChartSize = DEFAULT_SIZE): string {
  const chart = charting().echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** SVG drawn with the chart font only (no system font: the same pixels on every machine). */
export function rasterize(svg: string, fonts: string[] = chartFontFiles()) {
  return new (charting().Resvg)(svg, {
    font: { loadSystemFonts: false, fontFiles: fonts, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    background: '#ffffff',
  }).render();
}

/** An ECharts option as a PNG. */
export function renderPng(option: echarts.EChartsCoreOption, size: ChartSize = DEFAULT_SIZE): Buffer {
  return rasterize(renderSvg(option, size)).asPng();
}
