namespace Onboarding.Domain.Validation;

/// <summary>Field-by-field validation messages, in the shape of the contract's <c>errors</c> member.</summary>
public sealed class ValidationErrors
{
    readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

    public bool IsEmpty => byField.Count == 0;

    public void Add(string field, string message)
    {
        if (!byField.TryGetValue(field, out List<string>? messages))
        {
            byField[field] = messages = [];
        }

        messages.Add(message);
    }

    public bool Has(string field) => byField.ContainsKey(field);

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        byField.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
