namespace Onboarding.Application.Storage;

/// <summary>A table that holds a person's data: its name, how a journey's rows in it are found, and what it holds about the person.</summary>
public sealed record PersonalDataTable(string Name, JourneyRows Rows, string Holds);
