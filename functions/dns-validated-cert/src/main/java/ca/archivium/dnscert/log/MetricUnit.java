package ca.archivium.dnscert.log;

/** CloudWatch units used by the metrics this project emits. */
public enum MetricUnit {
    COUNT("Count"),
    SECONDS("Seconds"),
    MILLISECONDS("Milliseconds"),
    /** A plain number, such as days: CloudWatch has no unit for days. */
    NONE("None");

    private final String cloudWatchName;

    MetricUnit(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    /** The unit's name as CloudWatch spells it in Embedded Metric Format. */
    public String cloudWatchName() {
        return cloudWatchName;
    }
}
