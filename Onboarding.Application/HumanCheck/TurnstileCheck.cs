using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;

namespace Onboarding.Application.HumanCheck;

/// <summary>
/// Cloudflare Turnstile's siteverify: the secret key and the widget's token (and the client's
/// address) are posted as a form; the answer says whether the token is valid, unused and fresh.
/// An unreachable or failing endpoint is a dependency failure (503), never a pass.
/// </summary>
public sealed class TurnstileCheck(HttpClient http, IOptions<HumanCheckOptions> options) : IHumanCheck
{
    public async Task<bool> IsHumanAsync(string token, string? clientAddress, CancellationToken cancellationToken)
    {
        HumanCheckOptions settings = options.Value;
        var form = new Dictionary<string, string> { ["secret"] = settings.SecretKey!, ["response"] = token };
        if (clientAddress is not null)
        {
            form["remoteip"] = clientAddress;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using HttpResponseMessage response = await http.PostAsync(settings.SiteVerifyUrl, new FormUrlEncodedContent(form), timeout.Token);
            response.EnsureSuccessStatusCode();
            SiteVerifyAnswer? answer = await response.Content.ReadFromJsonAsync<SiteVerifyAnswer>(timeout.Token);
            return answer?.Success == true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException("Turnstile's siteverify did not answer in time.");
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new HttpRequestException("Turnstile's siteverify answered something that is not its JSON.", exception);
        }
    }

    sealed record SiteVerifyAnswer([property: JsonPropertyName("success")] bool Success);
}
