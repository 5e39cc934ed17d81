using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Operators;

/// <summary>Calls the /api/ops routes with the operator key, as an operator's tool would.</summary>
public sealed class OperatorClient(HttpClient http, string key = LocalHostInstance.OperatorKey)
{
    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", key);
        using HttpResponseMessage response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return (response.StatusCode, default);
        }

        return (response.StatusCode, await JourneyDriver.ReadJsonAsync(response));
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        (HttpStatusCode status, JsonElement body) = await SendAsync(HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path} answered {(int)status}: {body}");
        return body;
    }

    public Task<JsonElement> JourneyAsync(string journeyId) => GetAsync($"/api/ops/journeys/{journeyId}");

    /// <summary>Every journey id of a listing, following continuation tokens.</summary>
    public async Task<List<string>> ListIdsAsync(string query, int pageSize = 100)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            string path = $"/api/ops/journeys?pageSize={pageSize}{query}" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}");
            JsonElement page = await GetAsync(path);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("journeyId").GetString()!));
            token = page.GetProperty("continuationToken").ValueKind == JsonValueKind.Null ? null : page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);

        return ids;
    }

    /// <summary>Waits until the projection lists the journey in <paramref name="stage"/> (it follows the journey shortly after).</summary>
    public async Task WaitUntilListedAsync(string journeyId, string stage)
    {
        for (int attempt = 0; attempt < 300; attempt++)
        {
            if ((await ListIdsAsync($"&stage={stage}")).Contains(journeyId))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the projection never listed {journeyId} in {stage}");
    }

    public static string[] EventTypes(JsonElement journey) =>
        journey.GetProperty("events").EnumerateArray().Select(entry => entry.GetProperty("type").GetString()!).ToArray();
}
