using Onboarding.Application.Storage;

namespace Onboarding.Application.Operators;

/// <summary>
/// One action taken on a journey — an operator's terminate, unlock or erase, a user's or the retention
/// sweep's erase — kept after the journey and its audit trail are gone, naming no one of the journey:
/// the journey only by a hash of its id. Table <c>ActionLog</c>; PartitionKey = the UTC month
/// (<c>yyyy-MM</c>), RowKey = inverted time + a random suffix (newest first). Rows are only ever added.
/// </summary>
public sealed class ActionLogEntry : TableRow
{
    public DateTimeOffset At { get; set; }

    /// <summary><see cref="ActionLog.Terminated"/>, <see cref="ActionLog.Unlocked"/> or <see cref="ActionLog.Erased"/>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The operator as they signed in, <c>automation (operator key)</c>, <c>the user</c> or <c>retention</c>.</summary>
    public string By { get; set; } = "";

    /// <summary><see cref="ActionLog.JourneyReference"/> of the journey.</summary>
    public string Journey { get; set; } = "";
}

/// <summary>An entry as operators read it.</summary>
public sealed record ActionLogView(DateTime At, string Action, string By, string Journey);
