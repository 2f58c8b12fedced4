package netstep.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/** The start-up warm-up of /api/train and /api/step: its requests are valid, so it really runs the path. */
class TrainingWarmUpTest {
    @Test
    void theWarmUpsRequestsAreAnsweredWithoutAnError() {
        // App.warmUp swallows failures (they only cost the head start), so a broken request would go unnoticed
        assertDoesNotThrow(ApiController::warmUp);
    }
}
