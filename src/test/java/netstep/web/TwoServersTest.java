package netstep.web;

import netstep.json.ExperimentJson;
import netstep.json.ApiJson;
import com.fasterxml.jackson.databind.JsonNode;
import netstep.experiment.Config;
import netstep.experiment.Experiment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static netstep.web.StoredExperimentsHttpTest.export;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two server processes on one PostgreSQL: one experiment stepped through both at once loses no step. */
class TwoServersTest {
    private static final int STEPS_EACH = 15;

    @Test
    void concurrentStepsThroughBothServersAreSerialised() throws Exception {
        Map<String, String> environment = Map.of("DATABASE_URL", PostgresForTests.urlOrSkip());
        try (ServerProcess first = ServerProcess.start(environment);
             ServerProcess second = ServerProcess.start(environment)) {
            WebClient viaFirst = new WebClient(first.port());
            assertEquals(0, export(viaFirst).get("steps").asInt());
            WebClient viaSecond = viaFirst.at(second.port());

            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (WebClient browser : List.of(viaFirst, viaSecond)) {
                    done.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < STEPS_EACH; i++) {
                            assertEquals(303, browser.postForm("/step", Map.of("action", "whole")).statusCode());
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) f.get();
            } finally {
                pool.shutdownNow();
            }

            Experiment sequential = new Experiment(Config.defaults());
            for (int i = 0; i < 2 * STEPS_EACH; i++) sequential.wholeStep();
            JsonNode expected = ApiJson.parseObject(ExperimentJson.write(sequential).toString());
            assertEquals(expected, export(viaFirst), "every step counted once, the same numbers as one after another");
            assertEquals(expected, export(viaSecond));
        }
    }
}
