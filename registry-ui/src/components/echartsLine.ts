// The parts of ECharts the UI uses, in a chunk of its own: pages paint their tables first and the
// charts follow once this (the bulk of the bundle) has loaded.
import * as echarts from "echarts/core";
import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

echarts.use([LineChart, GridComponent, TooltipComponent, TitleComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, SVGRenderer]);

export { echarts };
