package io.obkc.migration.precheck;

/** One precheck result: what was checked, how it stands, and what to do about it. */
public record Check(String subject, Level level, String detail, String fix) {
    public enum Level { OK, WARNING, BLOCKER }

    public static Check ok(String subject, String detail) {
        return new Check(subject, Level.OK, detail, "");
    }

    public static Check warning(String subject, String detail, String fix) {
        return new Check(subject, Level.WARNING, detail, fix);
    }

    public static Check blocker(String subject, String detail, String fix) {
        return new Check(subject, Level.BLOCKER, detail, fix);
    }
}
