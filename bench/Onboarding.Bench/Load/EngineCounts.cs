using System.Net;
using System.Text.Json;
using Onboarding.Testing;

namespace Onboarding.Bench.Load;

/// <summary>
/// The local host's own count of what its orchestration engine did (<c>GET /dev/engine</c>):
/// episodes committed, activities completed, instance reads. The same figures on either backend;
/// a build without the route (an older one run with <c>--host-dll</c>) has none.
/// </summary>
public sealed record EngineCounts(long Episodes, long Activities, long InstanceReads)
{
    public static async Task<EngineCounts?> ReadAsync(HostProcess host)
    {
        using HttpResponseMessage response = await host.Http.GetAsync("/dev/engine");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement root = json.RootElement;
        return new EngineCounts(root.GetProperty("episodes").GetInt64(), root.GetProperty("activities").GetInt64(), root.GetProperty("instanceReads").GetInt64());
    }

    public static EngineCounts? Between(EngineCounts? before, EngineCounts? after) =>
        before is null || after is null ? null : new EngineCounts(after.Episodes - before.Episodes, after.Activities - before.Activities, after.InstanceReads - before.InstanceReads);

    public string PerJourney(int journeys) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Episodes / (double)journeys:0.0} episodes, {Activities / (double)journeys:0.0} activities, {InstanceReads / (double)journeys:0.0} instance reads");
}
