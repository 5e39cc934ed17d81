namespace Onboarding.Tests.Support;

/// <summary>
/// The fast lane (<c>./test.sh --fast</c>): test classes that need no storage, host, browser or
/// network — the domain, the orchestrator, the persisted formats, the layers, the contract
/// documents and the other unit tests — carry <c>[Trait(Lanes.Lane, Lanes.Fast)]</c>.
/// </summary>
public static class Lanes
{
    public const string Lane = "Lane";
    public const string Fast = "Fast";
}
