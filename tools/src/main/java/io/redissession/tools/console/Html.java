package io.redissession.tools.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Escaping and the frame every console page shares: no script, one inline style sheet, nothing from elsewhere. */
final class Html {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:0;color:#1d2433;background:#f6f7f9}
            header{background:#1d2433;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:center}
            header a{color:#fff;text-decoration:none;font-weight:600}
            header .mode{margin-left:auto;font-size:13px;opacity:.8}
            main{padding:16px 24px;max-width:1100px}
            h1{font-size:22px}h2{font-size:17px;margin-top:28px}
            table{border-collapse:collapse;background:#fff;margin:8px 0}
            th,td{border:1px solid #d8dce3;padding:5px 10px;text-align:left;font-size:14px;vertical-align:top}
            th{background:#eceff3}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .value{font-family:monospace;white-space:pre-wrap;word-break:break-all;max-width:520px}
            form.inline{display:inline}
            button{padding:6px 14px;border-radius:4px;border:1px solid #8a93a3;background:#fff;cursor:pointer}
            button.danger{background:#b3261e;color:#fff;border-color:#b3261e}
            .notice{background:#fff7d6;border:1px solid #e5c44c;padding:8px 12px;margin:8px 0}
            .charts{display:flex;flex-wrap:wrap;gap:24px}
            figure{margin:0;background:#fff;border:1px solid #d8dce3;padding:8px}
            figcaption{font-size:13px;color:#4a5263;margin-bottom:4px}
            input[type=text]{padding:6px;width:320px}
            """;

    private Html() {
    }

    /** @return the text with {@code & < > " '} escaped, for element content and quoted attributes */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** @return the text encoded for a URL's query */
    static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** @return an epoch-milliseconds time as ISO-8601 UTC, or {@code -} */
    static String time(long epochMillis) {
        return epochMillis <= 0 ? "-" : Instant.ofEpochMilli(epochMillis).toString();
    }

    /**
     * @param title the page's title, plain text
     * @param mode what the console allows, shown in the header, plain text
     * @param body the page's content, HTML
     * @return the whole page
     */
    static String page(String title, String mode, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " · redis-session</title><style>" + STYLE + "</style></head><body><header><a href=\"/\">"
                + "redis-session console</a><span class=\"mode\">" + escape(mode) + "</span></header><main>"
                + body + "</main></body></html>";
    }
}
