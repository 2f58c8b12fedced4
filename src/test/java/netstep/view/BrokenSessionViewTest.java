package netstep.view;

import netstep.view.render.*;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The way out of a session whose page cannot be drawn works without JavaScript, and offers the download only when it can. */
class BrokenSessionViewTest {
    @Test
    void startOverIsAPlainFormPostAndTheDownloadIsOfferedWhenItWorks() {
        String page = BrokenSessionView.page(true);
        assertTrue(page.contains("<meta charset=\"UTF-8\">"));
        assertTrue(page.contains("<form method=\"post\" action=\"/start-over\""), page);
        assertTrue(page.contains("<button type=\"submit\">Start over</button>"), page);
        assertTrue(page.contains("href=\"/export/experiment.json\""), page);
        String withoutDownload = BrokenSessionView.page(false);
        assertTrue(withoutDownload.contains("action=\"/start-over\""));
        assertFalse(withoutDownload.contains("/export/experiment.json"), "no download of a state that cannot be written");
    }
}
