package netstep.web;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every id names one element, on the page and in every fragment htmx swaps in by id: a fragment whose id is
 * also another element's replaces the wrong one (the dataset table once took the place of the dataset menu,
 * and "Build network" then refused the form).
 */
class UniqueIdsTest {
    private static final Pattern ELEMENT_WITH_ID = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*?\\sid=\"([^\"]+)\"");

    @Test
    void idsAreUniqueOnThePageAndEveryFragmentReplacesAnElementOfItsOwnKind() {
        try (TestServer server = new TestServer()) {
            TestServer.Browser student = server.browser();
            Map<String, String> page = ids("the page", student.get("/").body());
            assertTrue(page.containsKey("dataset"), "the dataset menu");
            for (String phase : List.of("pick", "forward", "loss", "backward", "update")) {
                HttpResponse<String> answer = student.htmx("/step", "action", "next");
                assertEquals(200, answer.statusCode(), phase + ": " + answer.body());
                Map<String, String> fragment = ids(phase + "'s answer", answer.body());
                for (Map.Entry<String, String> swapped : fragment.entrySet()) {
                    String onPage = page.get(swapped.getKey());
                    if (onPage != null) {
                        assertEquals(onPage, swapped.getValue(), phase + "'s answer has a <" + swapped.getValue()
                                + " id=\"" + swapped.getKey() + "\"> where the page has a <" + onPage + ">");
                    }
                }
                page = ids("the page after " + phase, student.get("/").body());
            }
        }
    }

    /** id → tag name of every element with an id; fails on an id used twice. */
    private static Map<String, String> ids(String where, String html) {
        Map<String, String> ids = new HashMap<>();
        Set<String> twice = new HashSet<>();
        Matcher m = ELEMENT_WITH_ID.matcher(html);
        while (m.find()) {
            if (ids.put(m.group(2), m.group(1).toLowerCase()) != null) twice.add(m.group(2));
        }
        assertTrue(twice.isEmpty(), where + " uses these ids more than once: " + new ArrayList<>(twice));
        return ids;
    }
}
