package netstep.web;

import netstep.engine.Network;
import netstep.experiment.Config;
import netstep.experiment.Experiment;
import netstep.experiment.TrainingPool;
import netstep.store.SessionStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** The session cookie, a session that has ended, and requests of one session arriving all at once. */
class SessionsWebTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(new SessionStore(new SessionStore.Limits(5, Duration.ofMinutes(30))),
                new TrainingPool(1, 2));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theCookieIsHttpOnlyAndSameSiteLaxAndNotSecureOverPlainHttp() {
        String setCookie = server.new Browser().get("/").headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.matches("netstep_session=[A-Za-z0-9_-]{22}; .*"), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertFalse(setCookie.contains("Secure"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
    }

    @Test
    void theCookieIsSecureBehindAnHttpsRouter() {
        TestServer.Browser b = server.new Browser();
        b.headers.put("X-Forwarded-Proto", "https");
        String setCookie = b.get("/").headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("Secure"), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
    }

    @Test
    void aKnownSessionGetsNoNewCookie() {
        TestServer.Browser b = server.browser();
        HttpResponse<String> again = b.get("/");
        assertTrue(again.headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    void anEvictedStudentGetsAFreshStartWithAMessageNotAnError() {
        TestServer.Browser evicted = server.browser();
        evicted.htmx("/step", "action", "whole");
        assertEquals(1, (int) evicted.inspect(Experiment::steps));
        for (int i = 0; i < 5; i++) server.browser(); // the store holds 5: the first browser is evicted

        HttpResponse<String> step = evicted.htmx("/step", "action", "whole");
        assertEquals(200, step.statusCode());
        assertTrue(step.body().contains("Your earlier session has ended, so this is a fresh start"), step.body());
        assertTrue(step.body().contains("<strong id=\"step-count\">0</strong>"),
                "the click is not applied to the fresh network before the student has seen it");
        String newCookie = step.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertNotEquals(evicted.cookie, newCookie);

        evicted.cookie = newCookie;
        HttpResponse<String> next = evicted.htmx("/step", "action", "whole");
        assertTrue(next.body().contains("<strong id=\"step-count\">1</strong>"));
        assertFalse(next.body().contains("earlier session has ended"));
    }

    @Test
    void fiftyConcurrentStepsOnOneSessionEqualFiftySequentialSteps() throws Exception {
        TestServer.Browser b = server.browser();
        ExecutorService clients = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            statuses.add(clients.submit(() -> {
                go.await();
                return b.htmx("/step", "action", "whole").statusCode();
            }));
        }
        go.countDown();
        for (Future<Integer> status : statuses) assertEquals(200, status.get());
        clients.shutdown();

        Experiment sequential = new Experiment(Config.defaults());
        for (int i = 0; i < 50; i++) sequential.wholeStep();
        assertEquals(50, (int) b.inspect(Experiment::steps));
        Network concurrent = b.inspect(Experiment::network);
        assertEquals(sequential.network(), concurrent);
        assertEquals(sequential.lossHistory(), b.inspect(Experiment::lossHistory));
    }
}
