using System.ComponentModel.DataAnnotations;

namespace Onboarding.Application.Configuration;

/// <summary>Section <c>Storage</c>: where the application's tables live.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>A storage connection string (Azurite locally). Leave empty on Azure and set <see cref="TableServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table endpoint used with the app's managed identity, e.g. https://acct.table.core.windows.net.</summary>
    public string? TableServiceUri { get; set; }

    /// <summary>Client id of a user-assigned identity; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prepended to every table name (letters and digits), so several environments can share an account.</summary>
    public string TablePrefix { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(ConnectionString) && string.IsNullOrEmpty(TableServiceUri))
        {
            yield return new ValidationResult("Set Storage:ConnectionString or Storage:TableServiceUri.");
        }

        if (!TablePrefix.All(char.IsAsciiLetterOrDigit))
        {
            yield return new ValidationResult("Storage:TablePrefix may hold letters and digits only.");
        }
    }
}
