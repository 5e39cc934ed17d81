namespace Onboarding.Application.HumanCheck;

/// <summary>
/// The port to a bot check service: whether a token from its widget proves a human solved it on one of
/// our pages for this <paramref name="action"/> (each token works once).
/// </summary>
public interface IHumanCheck
{
    Task<bool> IsHumanAsync(string token, string? clientAddress, string action, CancellationToken cancellationToken);
}
