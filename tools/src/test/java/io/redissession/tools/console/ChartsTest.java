package io.redissession.tools.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {

    @Test
    void escapesWhatItPrints() {
        assertEquals("&lt;i&gt;a &amp; &quot;b&quot; &#39;c&#39;&lt;/i&gt;", Html.escape("<i>a & \"b\" 'c'</i>"));
        String bars = Charts.bars("<script>", List.of("<b>"), List.of(3L));
        assertFalse(bars.contains("<script>") || bars.contains("<b>"), bars);
    }

    @Test
    void drawsOnePathPerSeriesScaledToTheLargestValue() {
        String chart = Charts.lines("per minute", List.of("10:00", "10:01", "10:02"), List.of(
                new Charts.Series("created", "#2e7d32", List.of(0L, 4L, 2L)),
                new Charts.Series("destroyed", "#b3261e", List.of(1L, 0L, 0L))));
        assertEquals(2, chart.split("<path ", -1).length - 1);
        assertTrue(chart.contains("created (6)") && chart.contains("destroyed (1)"), chart);
        assertTrue(chart.contains(">4</text>"), "the axis ends at the largest value: " + chart);
    }
}
