// Chart.js with only the parts Headroom draws, registered once.
import { BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Filler, Legend, Tooltip);
Chart.defaults.font.family = 'system-ui, "Segoe UI", Arial, sans-serif';
Chart.defaults.font.size = 13;
Chart.defaults.color = '#333';

export { Chart };
export type { ChartConfiguration, ChartDataset } from 'chart.js';
