package io.redissession.tools.console;

import java.util.List;
import java.util.Locale;

/** Draws the console's plots as inline SVG, server-side: no script and nothing fetched by the page. */
final class Charts {

    private static final int WIDTH = 520;
    private static final int HEIGHT = 200;
    private static final int LEFT = 44;
    private static final int BOTTOM = 28;
    private static final int TOP = 12;

    /** One series of a line chart. */
    record Series(String name, String color, List<Long> values) {
    }

    private Charts() {
    }

    /**
     * @param caption what the chart shows, plain text
     * @param labels the x labels, one per point (a few are printed)
     * @param series the lines, each with one value per label
     * @return a figure with an SVG line chart and a legend
     */
    static String lines(String caption, List<String> labels, List<Series> series) {
        long max = Math.max(1, series.stream().flatMap(s -> s.values().stream()).mapToLong(Long::longValue).max()
                .orElse(1));
        StringBuilder svg = frame(caption, max);
        int points = labels.size();
        for (int i = 0; i < points; i += Math.max(1, points / 6)) {
            svg.append(text(x(i, points), HEIGHT - 8, labels.get(i), "middle"));
        }
        for (Series line : series) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < line.values().size(); i++) {
                path.append(i == 0 ? "M" : " L").append(format(x(i, points))).append(',')
                        .append(format(y(line.values().get(i), max)));
            }
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(line.color())
                    .append("\" stroke-width=\"2\"><title>").append(Html.escape(line.name())).append("</title></path>");
        }
        svg.append("</svg>");
        StringBuilder legend = new StringBuilder("<div>");
        for (Series line : series) {
            long total = line.values().stream().mapToLong(Long::longValue).sum();
            legend.append("<span style=\"color:").append(line.color()).append("\">&#9632;</span> ")
                    .append(Html.escape(line.name())).append(" (").append(total).append(") &nbsp; ");
        }
        return svg + legend.append("</div></figure>").toString();
    }

    /**
     * @param caption what the chart shows, plain text
     * @param labels one label per bar
     * @param values one value per bar
     * @return a figure with an SVG bar chart
     */
    static String bars(String caption, List<String> labels, List<Long> values) {
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        StringBuilder svg = frame(caption, max);
        double slot = (WIDTH - LEFT - 8) / (double) values.size();
        for (int i = 0; i < values.size(); i++) {
            double top = y(values.get(i), max);
            double left = LEFT + i * slot + 2;
            svg.append("<rect x=\"").append(format(left)).append("\" y=\"").append(format(top))
                    .append("\" width=\"").append(format(slot - 4)).append("\" height=\"")
                    .append(format(HEIGHT - BOTTOM - top)).append("\" fill=\"#3c6fd1\"><title>")
                    .append(Html.escape(labels.get(i))).append(": ").append(values.get(i)).append("</title></rect>");
            svg.append(text(left + (slot - 4) / 2, HEIGHT - 8, labels.get(i), "middle"));
        }
        return svg.append("</svg></figure>").toString();
    }

    private static StringBuilder frame(String caption, long max) {
        StringBuilder svg = new StringBuilder("<figure><figcaption>").append(Html.escape(caption))
                .append("</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" role=\"img\" aria-label=\"")
                .append(Html.escape(caption)).append("\" font-size=\"10\" font-family=\"sans-serif\">");
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"")
                .append(WIDTH - 4).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#8a93a3\"/>");
        for (long tick : List.of(0L, max / 2, max)) {
            double at = y(tick, max);
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(format(at)).append("\" x2=\"")
                    .append(WIDTH - 4).append("\" y2=\"").append(format(at)).append("\" stroke=\"#e3e6eb\"/>");
            svg.append(text(LEFT - 4, at + 3, Long.toString(tick), "end"));
        }
        return svg;
    }

    private static String text(double x, double y, String label, String anchor) {
        return "<text x=\"" + format(x) + "\" y=\"" + format(y) + "\" text-anchor=\"" + anchor + "\" fill=\"#4a5263\">"
                + Html.escape(label) + "</text>";
    }

    private static double x(int index, int points) {
        return LEFT + (points <= 1 ? 0 : index * (WIDTH - LEFT - 8) / (double) (points - 1));
    }

    private static double y(long value, long max) {
        return TOP + (HEIGHT - BOTTOM - TOP) * (1 - value / (double) max);
    }

    private static String format(double number) {
        return String.format(Locale.ROOT, "%.1f", number);
    }
}
