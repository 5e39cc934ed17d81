namespace Onboarding.Application.Http;

/// <summary>A client address or network as the limits count it (<paramref name="Key"/>), and how many times a client's limit it may take.</summary>
public sealed record ClientNetwork(string Key, int Share);
