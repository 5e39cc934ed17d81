namespace Onboarding.Application.Registration;

/// <summary>
/// Someone else's hold on a journey's e-mail address: an account (<paramref name="HasAccount"/>), or a
/// running journey that confirmed it; <paramref name="JourneyId"/> is that account's or journey's,
/// <paramref name="Address"/> the address as its owner confirmed it, and <paramref name="Language"/> the
/// one its owner chose.
/// </summary>
public sealed record AddressHolder(string JourneyId, bool HasAccount, string Address, string Language);
