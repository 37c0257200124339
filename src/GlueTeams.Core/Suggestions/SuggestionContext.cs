namespace GlueTeams.Core.Suggestions;

/// <summary>What the engine knows about the user beyond the event itself.</summary>
public sealed record SuggestionContext(string UserEmail, string? ManagerEmail, ConfirmationHistory History, TenantModel Model)
{
    public static SuggestionContext Cold(string userEmail, string? managerEmail = null) =>
        new(userEmail, managerEmail, ConfirmationHistory.Empty, TenantModel.Empty);
}
