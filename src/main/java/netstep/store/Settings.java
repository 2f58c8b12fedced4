package netstep.store;

/** Reads a setting from an environment variable, or else a system property, or else a default. */
public final class Settings {
    private Settings() {
    }

    public static int positiveInt(String environmentVariable, String systemProperty, int fallback) {
        String raw = System.getenv(environmentVariable);
        String source = environmentVariable;
        if (raw == null || raw.isBlank()) {
            raw = System.getProperty(systemProperty);
            source = "-D" + systemProperty;
        }
        if (raw == null || raw.isBlank()) return fallback;
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 1) return value;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(source + " must be a whole number of 1 or more, not \"" + raw + "\"");
    }
}
