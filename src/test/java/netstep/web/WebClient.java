package netstep.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A test "browser" for the HTTP tests: its own cookie jar, redirects not followed, plus small helpers that
 * read elements out of the server's HTML by id (no HTML parser: the ids are unique and j2html's output is regular).
 */
final class WebClient {
    private final HttpClient http;
    private final String base;

    WebClient(int port) {
        this(port, new CookieManager());
    }

    /** A client whose cookies are {@code cookies}: the same browser talking to another server. */
    WebClient(int port, CookieHandler cookies) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** This browser, with its cookies, talking to the server on {@code port}. */
    WebClient at(int otherPort) {
        return new WebClient(otherPort, http.cookieHandler().orElseThrow());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A GET as htmx sends it, with the HX-Request header. */
    HttpResponse<String> getHtmx(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("HX-Request", "true").GET());
    }

    /** A file upload, as a form with enctype multipart/form-data sends it. */
    HttpResponse<String> postFile(String path, String field, String fileName, String content) {
        String boundary = "netstepBoundary" + System.nanoTime();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** A form post as a browser without JavaScript sends it. */
    HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return postForm(path, fields, false);
    }

    /** A form post; with {@code htmx} it carries the HX-Request header htmx adds. */
    HttpResponse<String> postForm(String path, Map<String, String> fields, boolean htmx) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (htmx) request.header("HX-Request", "true");
        return send(request);
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- reading the HTML

    /** The opening tag of the element with this id, e.g. {@code <td title="0.1" id="w1-1-1">}. */
    static Optional<String> openingTag(String html, String id) {
        int at = html.indexOf(" id=\"" + id + "\"");
        if (at < 0) return Optional.empty();
        int start = html.lastIndexOf('<', at);
        int end = html.indexOf('>', at);
        return Optional.of(html.substring(start, end + 1));
    }

    static boolean hasId(String html, String id) {
        return openingTag(html, id).isPresent();
    }

    /** An attribute of the element with this id; fails the test if either is missing. */
    static String attribute(String html, String id, String attribute) {
        String tag = openingTag(html, id).orElseThrow(() -> new AssertionError("no element #" + id));
        Matcher m = Pattern.compile("\\s" + Pattern.quote(attribute) + "=\"([^\"]*)\"").matcher(tag);
        if (!m.find()) throw new AssertionError("#" + id + " has no " + attribute + ": " + tag);
        return unescape(m.group(1));
    }

    /** The text of the element with this id, markup inside it removed; fails the test if it is missing. */
    static String text(String html, String id) {
        String tag = openingTag(html, id).orElseThrow(() -> new AssertionError("no element #" + id));
        String name = tag.substring(1).split("[\\s>]", 2)[0];
        int from = html.indexOf(tag) + tag.length();
        // the first closing tag of the same name; enough for the leaf-like elements these tests read
        int depth = 1;
        int i = from;
        Pattern tags = Pattern.compile("<(/?)" + Pattern.quote(name) + "[\\s>]");
        Matcher m = tags.matcher(html);
        while (m.find(i)) {
            depth += m.group(1).isEmpty() ? 1 : -1;
            if (depth == 0) {
                return unescape(html.substring(from, m.start()).replaceAll("<[^>]*>", "")).strip();
            }
            i = m.end();
        }
        throw new AssertionError("#" + id + " is not closed");
    }

    /** The exact number in the title of a number cell (the page writes Double.toString there). */
    static double exact(String html, String id) {
        // a cell carries the exact value as its title where its text rounds it; otherwise the text is exact
        String tag = openingTag(html, id).orElseThrow(() -> new AssertionError("no element #" + id));
        return Double.parseDouble(tag.contains(" title=\"") ? attribute(html, id, "title") : text(html, id));
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
