package netstep.view;

import netstep.bench.BenchNetworks;
import netstep.experiment.ConfigForm;
import netstep.experiment.Config;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

class GoldenDumpTmp {
    @Test
    void dump() throws Exception {
        String dir = System.getProperty("golden.dir", "/tmp/golden/new");
        Files.createDirectories(Path.of(dir));
        Object[] configs = {BenchNetworks.CIRCLE_2_8_8_1, Config.defaults()};
        for (int c = 0; c < configs.length; c++) {
            Experiment e = new Experiment((Config) configs[c]);
            Files.writeString(Path.of(dir, c + "-ready.html"), StepperPage.render(e, ConfigForm.of(e.config())));
            for (int k = 0; k < 2; k++) e.wholeStep();
            Phase prev = e.phase();
            for (Phase p : Phase.steps()) {
                e.goTo(p);
                Files.writeString(Path.of(dir, c + "-" + p.id + ".html"), StepperPage.render(e, ConfigForm.of(e.config())));
                Files.writeString(Path.of(dir, c + "-" + p.id + "-frag.html"), StepperPage.stepFragments(e, new StepperPage.StepChanges(p == Phase.PICK, p == Phase.UPDATE, false, prev)));
                prev = p;
            }
            Files.writeString(Path.of(dir, c + "-past.html"), StepperPage.pastStep(e, 1).render());
        }
    }
}
