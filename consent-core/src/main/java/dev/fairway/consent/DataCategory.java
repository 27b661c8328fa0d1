package dev.fairway.consent;

import dev.fairway.consent.internal.Ids;
import java.util.List;

/**
 * A category of personal data (for example "health" or "precise geolocation") and how sensitive it is.
 *
 * <p>The catalogue is open: users add their own categories. The standard sets below name the
 * categories of GDPR Art. 9(1), of CPRA's "sensitive personal information" (Cal. Civ. Code
 * §1798.140(ae)) and the 16 sensitive categories of the MSPA {@code usnat} GPP section, in the
 * order of its {@code SensitiveDataProcessing} field. A category that is special under GDPR
 * carries {@link Sensitivity#SPECIAL_CATEGORY} wherever it appears, the stricter reading.
 *
 * <p>Thread-safety: an immutable record, safe to share between threads.
 *
 * @param id          the identifier, lower snake case (for example {@code health})
 * @param name        a human-readable name
 * @param sensitivity how sensitive the category is
 */
public record DataCategory(String id, String name, Sensitivity sensitivity) {

    /** Racial or ethnic origin (GDPR Art. 9; CPRA; usnat 1). */
    public static final DataCategory RACIAL_ETHNIC_ORIGIN =
            new DataCategory("racial_ethnic_origin", "Racial or ethnic origin", Sensitivity.SPECIAL_CATEGORY);
    /** Political opinions (GDPR Art. 9). */
    public static final DataCategory POLITICAL_OPINIONS =
            new DataCategory("political_opinions", "Political opinions", Sensitivity.SPECIAL_CATEGORY);
    /** Religious or philosophical beliefs (GDPR Art. 9; CPRA; usnat 2). */
    public static final DataCategory RELIGIOUS_BELIEFS =
            new DataCategory("religious_beliefs", "Religious or philosophical beliefs", Sensitivity.SPECIAL_CATEGORY);
    /** Trade union membership (GDPR Art. 9; CPRA; usnat 11). */
    public static final DataCategory UNION_MEMBERSHIP =
            new DataCategory("union_membership", "Trade union membership", Sensitivity.SPECIAL_CATEGORY);
    /** Genetic data (GDPR Art. 9; CPRA; usnat 6). */
    public static final DataCategory GENETIC =
            new DataCategory("genetic", "Genetic data", Sensitivity.SPECIAL_CATEGORY);
    /** Biometric data processed to identify a person (GDPR Art. 9; CPRA; usnat 7). */
    public static final DataCategory BIOMETRIC =
            new DataCategory("biometric", "Biometric data for unique identification", Sensitivity.SPECIAL_CATEGORY);
    /** Data concerning health (GDPR Art. 9; CPRA; usnat 3). */
    public static final DataCategory HEALTH =
            new DataCategory("health", "Data concerning health", Sensitivity.SPECIAL_CATEGORY);
    /** Sex life or sexual orientation (GDPR Art. 9; CPRA; usnat 4). */
    public static final DataCategory SEX_LIFE_ORIENTATION =
            new DataCategory("sex_life_orientation", "Sex life or sexual orientation", Sensitivity.SPECIAL_CATEGORY);
    /** Citizenship or immigration status (CPRA; usnat 5). */
    public static final DataCategory CITIZENSHIP_IMMIGRATION =
            new DataCategory("citizenship_immigration", "Citizenship or immigration status", Sensitivity.US_SENSITIVE);
    /** Precise geolocation (CPRA; usnat 8). */
    public static final DataCategory PRECISE_GEOLOCATION =
            new DataCategory("precise_geolocation", "Precise geolocation", Sensitivity.US_SENSITIVE);
    /** Social security, driver's licence, state identification card or passport number (CPRA; usnat 9). */
    public static final DataCategory GOVERNMENT_ID =
            new DataCategory("government_id", "Government identifier", Sensitivity.US_SENSITIVE);
    /** Account log-in, financial account, debit or credit card number with credentials (CPRA; usnat 10). */
    public static final DataCategory ACCOUNT_CREDENTIALS =
            new DataCategory("account_credentials", "Account or card number with credentials", Sensitivity.US_SENSITIVE);
    /** Contents of mail, email or texts unless the business is the intended recipient (CPRA; usnat 12). */
    public static final DataCategory COMMUNICATIONS_CONTENT =
            new DataCategory("communications_content", "Contents of mail, email or texts", Sensitivity.US_SENSITIVE);
    /** Consumer health data (usnat 13; Washington My Health My Data Act). */
    public static final DataCategory CONSUMER_HEALTH =
            new DataCategory("consumer_health", "Consumer health data", Sensitivity.SPECIAL_CATEGORY);
    /** Status as a victim of crime (usnat 14). */
    public static final DataCategory CRIME_VICTIM_STATUS =
            new DataCategory("crime_victim_status", "Status as a victim of crime", Sensitivity.US_SENSITIVE);
    /** National origin (usnat 15). */
    public static final DataCategory NATIONAL_ORIGIN =
            new DataCategory("national_origin", "National origin", Sensitivity.US_SENSITIVE);
    /** Transgender or nonbinary status (usnat 16); sex life or orientation data under GDPR. */
    public static final DataCategory TRANSGENDER_NONBINARY =
            new DataCategory("transgender_nonbinary", "Transgender or nonbinary status", Sensitivity.SPECIAL_CATEGORY);
    /** Browsing and interaction history on the service, ordinary personal data. */
    public static final DataCategory BEHAVIOUR =
            new DataCategory("behaviour", "Browsing and interaction history", Sensitivity.NONE);
    /** Demographic data such as age band or coarse location, ordinary personal data. */
    public static final DataCategory DEMOGRAPHIC =
            new DataCategory("demographic", "Demographic data", Sensitivity.NONE);
    /** Device and network data such as IP address or user agent, ordinary personal data. */
    public static final DataCategory DEVICE =
            new DataCategory("device", "Device and network data", Sensitivity.NONE);

    /** The special categories of GDPR Art. 9(1), in the order of the article. */
    public static final List<DataCategory> GDPR_ARTICLE_9 = List.of(RACIAL_ETHNIC_ORIGIN, POLITICAL_OPINIONS,
            RELIGIOUS_BELIEFS, UNION_MEMBERSHIP, GENETIC, BIOMETRIC, HEALTH, SEX_LIFE_ORIENTATION);

    /** CPRA sensitive personal information (Cal. Civ. Code §1798.140(ae)), personal-data items. */
    public static final List<DataCategory> CPRA_SENSITIVE = List.of(GOVERNMENT_ID, ACCOUNT_CREDENTIALS,
            PRECISE_GEOLOCATION, RACIAL_ETHNIC_ORIGIN, RELIGIOUS_BELIEFS, UNION_MEMBERSHIP, CITIZENSHIP_IMMIGRATION,
            COMMUNICATIONS_CONTENT, GENETIC, BIOMETRIC, HEALTH, SEX_LIFE_ORIENTATION);

    /**
     * The 16 sensitive categories of the MSPA {@code usnat} section, in field order: element
     * {@code i} is the category of {@code SensitiveDataProcessing[i]} (position {@code i + 1} in the specification).
     */
    public static final List<DataCategory> USNAT_SENSITIVE = List.of(RACIAL_ETHNIC_ORIGIN, RELIGIOUS_BELIEFS, HEALTH,
            SEX_LIFE_ORIENTATION, CITIZENSHIP_IMMIGRATION, GENETIC, BIOMETRIC, PRECISE_GEOLOCATION, GOVERNMENT_ID,
            ACCOUNT_CREDENTIALS, UNION_MEMBERSHIP, COMMUNICATIONS_CONTENT, CONSUMER_HEALTH, CRIME_VICTIM_STATUS,
            NATIONAL_ORIGIN, TRANSGENDER_NONBINARY);

    /** Ordinary (non-sensitive) standard categories. */
    public static final List<DataCategory> ORDINARY = List.of(BEHAVIOUR, DEMOGRAPHIC, DEVICE);

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if {@code id} is not lower snake case or {@code name} is blank
     * @throws NullPointerException     if an argument is null
     */
    public DataCategory {
        Ids.check(id, "id");
        Ids.nonBlank(name, "name");
        java.util.Objects.requireNonNull(sensitivity, "sensitivity");
    }
}
