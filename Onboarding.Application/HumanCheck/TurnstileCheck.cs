using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;

namespace Onboarding.Application.HumanCheck;

/// <summary>
/// Cloudflare Turnstile's siteverify: the secret key and the widget's token (and the client's
/// address) are posted as a form; the answer says whether the token is valid, unused and fresh, the
/// host name of the page the widget was solved on and the widget's action. A token passes only when
/// all three hold: the page is one of ours (<c>HumanCheck:Hostnames</c> — a page elsewhere may embed
/// our site key and hand its tokens on) and the action is the route's (a token solved to resend cannot
/// start). An unreachable or failing endpoint is a dependency failure (503), never a pass.
/// </summary>
public sealed class TurnstileCheck(HttpClient http, IOptions<HumanCheckOptions> options, IOptions<OnboardingOptions> onboarding) : IHumanCheck
{
    public async Task<bool> IsHumanAsync(string token, string? clientAddress, string action, CancellationToken cancellationToken)
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
            return answer is { Success: true, Hostname: { } hostname, Action: { } solvedFor }
                && settings.AllowedHostnames(onboarding.Value.PublicBaseUrl).Contains(hostname)
                && string.Equals(solvedFor, action, StringComparison.Ordinal);
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

    sealed record SiteVerifyAnswer(
        [property: JsonPropertyName("success")] bool Success,
        [property: JsonPropertyName("hostname")] string? Hostname,
        [property: JsonPropertyName("action")] string? Action);
}
