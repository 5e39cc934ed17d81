using Onboarding.Application.Storage;

namespace Onboarding.Application.Resume;

/// <summary>
/// A way back into a journey that a message carries, until it is used. Table <c>ResumeLinks</c>;
/// PartitionKey = journey id, RowKey = SHA-256 of the link's token (the token itself is never stored).
/// </summary>
public sealed class ResumeLinkRow : TableRow
{
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was used (the row goes right after; set first, by a conditional write, so that it is used once).</summary>
    public DateTimeOffset? UsedAt { get; set; }
}
