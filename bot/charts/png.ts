/**
 * Charts drawn on the server: ECharts in SSR mode writes SVG, resvg turns it into a PNG with Be
 * Vietnam Pro (TTF: resvg reads no woff), so Vietnamese is drawn the same on every machine,
 * whatever fonts it has. Node only (resvg-js is a native module; Workers would need resvg-wasm).
 */
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

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
    const require = createRequire(import.meta.url);
    fontFiles = FONT_FILES.map((file) => require.resolve(`@expo-google-fonts/be-vietnam-pro/${file}`));
  }
  return fontFiles;
}

/** An ECharts option as SVG, through ECharts' server-side renderer (no DOM, no animation). */
export function renderSvg(option: echarts.EChartsCoreOption, size: ChartSize = DEFAULT_SIZE): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** SVG drawn with the chart font only (no system font: the same pixels on every machine). */
export function rasterize(svg: string, fonts: string[] = chartFontFiles()) {
  return new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: fonts, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    background: '#ffffff',
  }).render();
}

/** An ECharts option as a PNG. */
export function renderPng(option: echarts.EChartsCoreOption, size: ChartSize = DEFAULT_SIZE): Buffer {
  return rasterize(renderSvg(option, size)).asPng();
}
