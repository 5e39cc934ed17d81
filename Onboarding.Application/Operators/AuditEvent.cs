using Onboarding.Application.Storage;

namespace Onboarding.Application.Operators;

/// <summary>
/// One entry of a journey's audit trail: masked values only, never a secret.
/// Table <c>AuditEvents</c>; PartitionKey = journey id, RowKey = event time (ticks) + a key that
/// is the same however often the step that writes it runs, so a re-run adds no second row.
/// </summary>
public sealed class AuditEvent : TableRow
{
    public DateTimeOffset At { get; set; }
    public string Type { get; set; } = "";
    public string Detail { get; set; } = "";
}

/// <summary>An audit entry as operators see it.</summary>
public sealed record AuditEventView(DateTime At, string Type, string Detail);

/// <summary>The kinds of audit entries.</summary>
public static class AuditEventTypes
{
    public const string StageChanged = "stage-changed";
    public const string MessageSent = "message-sent";
    public const string DepositsSent = "deposits-sent";
    public const string OperatorTerminated = "operator-terminated";
    public const string OperatorUnlocked = "operator-unlocked";
    public const string ErasureRequested = "erasure-requested";
    public const string InactivityNoticed = "inactivity-noticed";
    public const string EndedInactive = "ended-inactive";
    public const string LimitReached = "limit-reached";

    /// <summary>A cycle's deposits matched but the bank details may not verify the account (another person's account, another holder): the cycle fails.</summary>
    public const string VerificationRefused = "verification-refused";
    public const string AddressHeld = "address-held";
}
