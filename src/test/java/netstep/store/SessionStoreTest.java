package netstep.store;

import netstep.experiment.TrainingRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class SessionStoreTest {
    final AtomicLong now = new AtomicLong();
    final SessionStore store = new SessionStore(new SessionStore.Limits(3, Duration.ofMinutes(10)), now::get);

    @Test
    void aKnownIdReturnsTheSameExperiment() {
        SessionStore.Session first = store.open(null);
        assertTrue(first.created());
        assertFalse(first.replacesEnded());
        first.run(e -> {
            e.wholeStep();
            return null;
        });
        SessionStore.Session again = store.open(first.id());
        assertFalse(again.created());
        assertEquals(first.id(), again.id());
        assertEquals(1, (int) again.run(e -> e.steps()));
    }

    @Test
    void whenFullTheLeastRecentlyUsedSessionIsEvicted() {
        String a = store.open(null).id();
        String b = store.open(null).id();
        String c = store.open(null).id();
        store.open(a); // a is now more recent than b
        String d = store.open(null).id();

        assertEquals(3, store.size());
        assertEquals(1, store.evictions());
        assertFalse(store.open(a).created());
        assertFalse(store.open(c).created());
        assertFalse(store.open(d).created());
        SessionStore.Session evicted = store.open(b);
        assertTrue(evicted.created(), "b was the least recently used");
        assertTrue(evicted.replacesEnded());
        assertNotEquals(b, evicted.id());
    }

    @Test
    void aSessionIdleLongerThanTheTimeoutEnds() {
        String idle = store.open(null).id();
        now.addAndGet(Duration.ofMinutes(6).toNanos());
        String active = store.open(null).id();
        now.addAndGet(Duration.ofMinutes(5).toNanos());

        assertFalse(store.open(active).created(), "5 minutes idle is within the timeout");
        SessionStore.Session reopened = store.open(idle);
        assertTrue(reopened.created(), "11 minutes idle is past it");
        assertTrue(reopened.replacesEnded());
        assertEquals(2, store.size());
    }

    @Test
    void anEvictedOrIdleSessionsTrainingRunIsCancelled() {
        SessionStore.Session evicted = store.open(null);
        TrainingRun evictedRun = evicted.run(e -> e.startTraining(5).orElseThrow());
        SessionStore.Session idle = store.open(null);
        TrainingRun idleRun = idle.run(e -> e.startTraining(5).orElseThrow());
        store.open(null);
        store.open(idle.id());

        store.open(null); // full: the least recently used session, the first, makes room
        assertTrue(evictedRun.cancelRequested(), "nobody will see the run of an evicted session");
        assertTrue((boolean) evicted.run(e -> e.training().isEmpty()), "and its experiment lets go of it");
        assertFalse(idleRun.cancelRequested(), "the other sessions' runs go on");

        now.addAndGet(Duration.ofMinutes(11).toNanos());
        store.open(null);
        assertTrue(idleRun.cancelRequested(), "a session closed for idling stops its run too");
    }

    @Test
    void anUnknownOrEmptyIdStartsAFreshSession() {
        assertTrue(store.open("not-a-session").replacesEnded());
        assertFalse(store.open("").replacesEnded());
        assertFalse(store.open(null).replacesEnded());
    }

    @Test
    void idsCarry128RandomBitsAndDoNotRepeat() {
        SessionStore big = new SessionStore(new SessionStore.Limits(10_000, Duration.ofMinutes(1)));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 2000; i++) ids.add(big.open(null).id());
        assertEquals(2000, ids.size());
        ids.forEach(id -> assertEquals(16, Base64.getUrlDecoder().decode(id).length));
    }
}
