package netstep.web;

import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The heat maps inside the diagram's neurons of a 2-8-8-1 network, and what they cost the page. */
class NeuronPicturesWebTest {
    /** A picture: a viewport on the group's one sprite PNG (NeuronPictures). */
    private static final Pattern PICTURE = Pattern.compile("<svg x=\"[0-9.]+\" y=\"[0-9.]+\" width=\"44\" height=\"44\" "
            + "viewBox=\"0 0 12 12\"><g><use href=\"#nps\" y=\"-\\d+\"></use></g></svg>");

    /** The diagram's group of neuron pictures: up to the neurons drawn over it. */
    private static String group(String html, int from) {
        return html.substring(from, html.indexOf("<g class=\"neurons\">", from));
    }

    /** The pictures in the diagram's group of neuron pictures, and its one sprite. */
    private static int count(String html) {
        int from = html.indexOf("<g class=\"neuron-pictures\"");
        if (from < 0) return 0;
        String group = group(html, from);
        assertEquals(1, group.split("<image id=\"nps\" href=\"data:image/png;base64,").length - 1, "one sprite");
        Matcher m = PICTURE.matcher(group);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void everyNeuronAfterTheInputsHasItsPictureAndThePageStaysWithinItsBudget() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            assertEquals(0, count(browser.get("/").body()), "the default 3-input network has no plane to draw");
            assertEquals(303, browser.postForm("/configure", PageBudgetTest.circle2881()).statusCode());
            assertEquals(303, browser.postForm("/step", Map.of("action", "epoch")).statusCode());
            String page = browser.get("/").body();
            assertEquals(8 + 8 + 1, count(page), "16 hidden neurons and the output");
            int from = page.indexOf("<g class=\"neuron-pictures\"");
            int pictureBytes = group(page, from).length();
            StringBuilder sizes = new StringBuilder("pictures " + pictureBytes + " bytes; 2-8-8-1 page " + page.getBytes(StandardCharsets.UTF_8).length
                    + " bytes; phase answers:");
            String shown = page;
            for (String phase : new String[] {"pick", "forward", "loss", "backward", "update"}) {
                HttpResponse<String> fragment = browser.postForm("/step", Map.of("action", phase), true);
                int fragmentBytes = fragment.body().getBytes(StandardCharsets.UTF_8).length;
                int pageBytes = browser.get("/").body().getBytes(StandardCharsets.UTF_8).length;
                sizes.append(' ').append(phase).append(' ').append(fragmentBytes);
                sizes.append('/').append(pageBytes);
                assertTrue(pageBytes < 150 * 1024, phase + ": the page is " + pageBytes + " bytes");
                assertTrue(pictureBytes < 8 * 1024, "the seventeen pictures take " + pictureBytes + " bytes");
                if (phase.equals("update")) {
                    assertEquals(17, count(fragment.body()), phase + ": the answer draws the new network's pictures");
                } else {
                    // the same network: the answer keeps the page's pictures, named by their content (hx-preserve)
                    assertEquals(0, count(fragment.body()), phase);
                    Matcher id = Pattern.compile("<g class=\"neuron-pictures\"[^>]* id=\"(pictures-[0-9a-f]+)\"")
                            .matcher(shown);
                    assertTrue(id.find(), phase + ": the page shows its pictures");
                    assertTrue(fragment.body().contains("<g id=\"" + id.group(1) + "\" hx-preserve=\"true\"></g>"),
                            phase + ": the answer keeps the page's pictures");
                }
                shown = browser.get("/").body();
            }
            System.out.println(sizes);
        });
    }
}
