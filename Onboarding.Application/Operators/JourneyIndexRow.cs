using Onboarding.Application.Storage;

namespace Onboarding.Application.Operators;

/// <summary>
/// The operators' projection of a journey: its stage and status as of its last stage change.
/// Table <c>JourneyIndex</c>; each journey has one row, in partition <c>all</c>, with RowKey = inverted
/// creation time + journey id (newest first): a creation-time range reads only the rows it returns, a
/// stage is a filter on it. (Builds before journey version 3 kept a second row in partition
/// <c>stage-{stage}</c>: two more requests per stage change; an erase still deletes those.)
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
