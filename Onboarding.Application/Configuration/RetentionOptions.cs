using System.ComponentModel.DataAnnotations;

namespace Onboarding.Application.Configuration;

/// <summary>Section <c>Retention</c>: how long each kind of personal data is kept (README "Personal data").</summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string SectionName = "Retention";

    /// <summary>How long the orchestration history (and what is left of the row) of a finished journey is kept after it finished.</summary>
    public TimeSpan FinishedJourneyHistory { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a journey may wait in <c>registered</c> or <c>locked</c> without a change before it is ended.</summary>
    public TimeSpan InactiveJourney { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long before an inactive journey is ended its user is told (by e-mail, with the date); never less after the e-mail.</summary>
    public TimeSpan InactiveJourneyNotice { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long the KYC record of a verified account is kept after the user asked for erasure (anti-money-laundering
    /// rules: years after the business relationship ends); then it is erased.
    /// </summary>
    public TimeSpan VerifiedAccount { get; set; } = TimeSpan.FromDays(5 * 365 + 1);

    /// <summary>
    /// How long the audit trail and the operators' projection of a journey are kept after its last change,
    /// once the journey itself is gone (its history purged, or erased): they hold masked values only, but
    /// nothing needs them for longer.
    /// </summary>
    public TimeSpan AuditTrail { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long the action log (what operators and erasures did, no personal data) is kept: whole months go after it.</summary>
    public TimeSpan ActionLog { get; set; } = TimeSpan.FromDays(5 * 365 + 1);

    /// <summary>How often the local host runs the retention sweep (on Azure the timer trigger's schedule decides).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach ((string name, TimeSpan value) in new[]
        {
            (nameof(FinishedJourneyHistory), FinishedJourneyHistory),
            (nameof(InactiveJourney), InactiveJourney),
            (nameof(InactiveJourneyNotice), InactiveJourneyNotice),
            (nameof(VerifiedAccount), VerifiedAccount),
            (nameof(AuditTrail), AuditTrail),
            (nameof(ActionLog), ActionLog),
            (nameof(SweepInterval), SweepInterval),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"Retention:{name} must be longer than zero.", [name]);
            }
        }

        if (InactiveJourneyNotice >= InactiveJourney)
        {
            yield return new ValidationResult("Retention:InactiveJourneyNotice must be shorter than Retention:InactiveJourney.", [nameof(InactiveJourneyNotice)]);
        }
    }
}
