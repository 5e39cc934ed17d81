using Onboarding.Application.Storage;

namespace Onboarding.Application.Operators;

/// <summary>
/// The operators' projection of a journey: its stage and status as of its last stage change.
/// Table <c>JourneyIndex</c>; each journey has a row in partition <c>all</c> and one in partition
/// <c>stage-{stage}</c>, both with RowKey = inverted creation time + journey id (newest first),
/// so a stage filter and a creation-time range read only the rows they return.
/// </summary>
public sealed class JourneyIndexRow : TableRow
{
    public string JourneyId { get; set; } = "";
    public string Stage { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }

    /// <summary>The journey's public status (masked, no secrets) as JSON.</summary>
    public string Status { get; set; } = "";
}
