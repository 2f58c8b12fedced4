package netstep.web;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.*;

/** A class shares one wifi: pages go out gzipped to browsers that ask for it, and plain to those that do not. */
class CompressionTest {
    @Test
    void aBrowserAskingForGzipGetsTheSamePageInAQuarterOfTheBytes() throws IOException {
        try (TestServer server = new TestServer()) {
            TestServer.Browser browser = server.browser();
            String plain = browser.get("/").body();

            HttpResponse<byte[]> zipped = browser.client.sendAsync(browser.request("/")
                    .header("Accept-Encoding", "gzip, deflate, br").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray()).join();

            assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""));
            String vary = String.join(",", zipped.headers().allValues("Vary"));
            assertTrue(vary.contains("Accept-Encoding") && vary.contains("HX-Request"),
                    "a cache must tell both apart: " + vary);
            byte[] body = zipped.body();
            assertTrue(body.length < plain.getBytes(StandardCharsets.UTF_8).length / 3,
                    body.length + " compressed bytes for " + plain.length() + " characters");
            String unzipped;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                unzipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(unzipped.contains("id=\"workspace\""), "the page itself");
            assertTrue(unzipped.startsWith("<!DOCTYPE html>"), unzipped.substring(0, 40));
            assertFalse(browser.get("/").headers().firstValue("Content-Encoding").isPresent(),
                    "no compression for a client that did not ask for it");
        }
    }
}
