package netstep.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Issue 16's class under load ({@code --class true}): the instructor signs in, opens a class and sends it a lesson
 * with questions; every student opens the page, joins by the code (following the instructor), and steps through
 * the lesson at their pace, answering each question the page asks (a tenth of them skipped), while their class
 * line polls {@code /class/status} every 3 s as the page's htmx does. One dashboard polls every 2 s, and the
 * instructor reveals a question to everyone every 30 s. Kinds of request in the figures: page, join, status,
 * step, answer, dashboard, reveal, teach (the instructor's set-up).
 */
final class ClassScenario {
    /** Lesson 1 asks three questions a step: ŷ (a number), the sign of dL/dw, the weight after the update. */
    static final String LESSON = "01-perceptron-y-equals-wx";
    static final long STATUS_POLL_MILLIS = 3_000; // ClassModeView.POLL
    static final long DASHBOARD_POLL_MILLIS = 2_000; // TeachPage.POLL
    static final long REVEAL_EVERY_MILLIS = 30_000;
    private static final Pattern ASKED = Pattern.compile("name=\"question\" value=\"(\\d+)\"");
    private static final Pattern OPTION = Pattern.compile("name=\"answer\" value=\"([^\"]*)\"");

    private final LoadScript load;
    private final String password;
    private final String[] teacher = {null};
    private String code;
    private volatile boolean studentsDone;

    ClassScenario(LoadScript load, String password) {
        this.load = load;
        this.password = password;
    }

    /** Signs in, opens the class and sends it the lesson; false if any of it failed. */
    boolean setUp() {
        HttpResponse<byte[]> signedIn = load.exchange("teach", teacher, load.post("/teach/sign-in",
                "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)));
        if (signedIn == null || teacher[0] == null) return false;
        HttpResponse<byte[]> opened = load.exchange("teach", teacher, load.post("/teach/open", ""));
        if (opened == null) return false;
        String location = opened.headers().firstValue("Location").orElse("");
        code = location.substring(location.lastIndexOf('/') + 1);
        System.out.printf(Locale.ROOT, "class %s opened, lesson %s sent%n", code, LESSON);
        return load.send("teach", teacher, load.post("/teach/class/" + code + "/send", "lesson=" + LESSON));
    }

    /** The instructor's dashboard, every 2 s until the students are done, and a reveal every 30 s. */
    void dashboard() {
        long start = System.nanoTime();
        long nextReveal = start + REVEAL_EVERY_MILLIS * 1_000_000;
        int question = 0;
        for (long tick = 1; !studentsDone && !Thread.currentThread().isInterrupted(); tick++) {
            if (load.exchange("dashboard", teacher, load.get("/teach/class/" + code + "/dashboard")) == null
                    && load.timeUp()) return;
            if (System.nanoTime() > nextReveal) {
                load.send("reveal", teacher, load.post("/teach/class/" + code + "/reveal", "question=" + question % 3));
                question++;
                nextReveal += REVEAL_EVERY_MILLIS * 1_000_000;
            }
            long wait = (start + tick * DASHBOARD_POLL_MILLIS * 1_000_000 - System.nanoTime()) / 1_000_000;
            if (wait > 0) LoadScript.sleep(wait);
        }
    }

    void studentsDone() {
        studentsDone = true;
    }

    /** One student: join, follow the instructor into the lesson, then step and answer at their pace. */
    void student(int number, int steps) {
        String[] cookie = {null};
        if (!load.send("page", cookie, load.get("/"))) return;
        load.think();
        String name = URLEncoder.encode("Student " + number, StandardCharsets.UTF_8);
        if (!load.send("join", cookie, load.post("/join", "code=" + code + "&name=" + name + "&follow=on"))) return;
        long[] nextPoll = {0};
        String page = poll(cookie, nextPoll, null); // follows the sent lesson at once, and loads the page again
        if (page == null) return;
        for (int step = 0; step < steps; step++) {
            for (int phase = 0; phase < 5; phase++) {
                HttpResponse<byte[]> r = load.exchange("step", cookie, load.post("/step", "action=next"));
                if (r == null) return;
                String body = text(r);
                load.think();
                for (int guard = 0; guard < 5 && body != null && ASKED.matcher(body).find(); guard++) {
                    body = poll(cookie, nextPoll, body); // a reveal may have answered it meanwhile
                    if (body == null || !ASKED.matcher(body).find()) break;
                    HttpResponse<byte[]> answered = load.exchange("answer", cookie, load.post("/answer", answer(body)));
                    if (answered == null) return;
                    body = text(answered);
                    load.think();
                }
                if (body == null || poll(cookie, nextPoll, body) == null) return;
            }
        }
    }

    /**
     * The class line's poll when it is due (every 3 s): the answer the student acts on next, which is the page
     * loaded again when the poll says so (the instructor's lesson or reveal), else {@code body}; null on an error.
     */
    private String poll(String[] cookie, long[] nextPoll, String body) {
        long now = System.nanoTime();
        if (now < nextPoll[0]) return body;
        nextPoll[0] = now + STATUS_POLL_MILLIS * 1_000_000;
        HttpResponse<byte[]> status = load.exchange("status", cookie, load.get("/class/status"));
        if (status == null) return null;
        if (status.headers().firstValue("HX-Refresh").isEmpty() && body != null) return body;
        HttpResponse<byte[]> page = load.exchange("page", cookie, load.get("/"));
        return page == null ? null : text(page);
    }

    /** The form the page's question asks for: a guess, a sign or an option at random, or a skip. */
    static String answer(String body) {
        Matcher asked = ASKED.matcher(body);
        if (!asked.find()) throw new IllegalStateException("no question is asked");
        String question = "question=" + asked.group(1);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextInt(10) == 0) return question + "&action=skip";
        String form = body.substring(asked.start(), Math.max(asked.start(), body.indexOf("</form>", asked.start())));
        List<String> options = new ArrayList<>();
        Matcher option = OPTION.matcher(form);
        while (option.find()) options.add(option.group(1));
        String guess = options.isEmpty() ? String.format(Locale.ROOT, "%.2f", random.nextDouble(-3, 3))
                : options.get(random.nextInt(options.size()));
        return question + "&action=answer&answer=" + URLEncoder.encode(guess, StandardCharsets.UTF_8);
    }

    /** The answer's HTML, unzipped when the server compressed it. */
    static String text(HttpResponse<byte[]> r) {
        String encoding = r.headers().firstValue("Content-Encoding").orElse("identity");
        if (encoding.equals("identity")) return new String(r.body(), StandardCharsets.UTF_8);
        if (!encoding.equals("gzip")) throw new IllegalStateException("cannot read a " + encoding + " answer");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
