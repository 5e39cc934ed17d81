using Azure.Data.Tables;

namespace Onboarding.Tests.Support;

/// <summary>
/// What may still name an erased journey, and nothing of the person: the
/// head of its events (how many, when erased: it keeps a late step from publishing for it and a
/// repeated erase from publishing <c>erased</c> twice) and, at the local topic, the <c>erased</c> event
/// the subscribers were told (until it is published, the journey's <c>erased</c> event itself).
/// </summary>
public static class Erasure
{
    public static readonly string[] TombstoneTables = ["JourneyEvents", "DevEvents"];

    /// <summary>Whether <paramref name="row"/> of <paramref name="table"/> (with or without the host's prefix) is one of those tombstones.</summary>
    public static bool IsTombstone(string table, TableEntity row) =>
        (table.EndsWith("JourneyEvents", StringComparison.Ordinal) && (row.RowKey == "head" ? row.GetDateTimeOffset("ErasedAt") is not null : row.GetString("Type") == "onboarding.journey.erased"))
        || (table.EndsWith("DevEvents", StringComparison.Ordinal) && row.GetString("Type") == "onboarding.journey.erased");
}
