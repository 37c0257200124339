using GlueTeams.Core.Weeks;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;

namespace GlueTeams.App.Api;

/// <summary>
/// What the document must say for the generated TypeScript types to be the real shapes: an ISO week is a string
/// ("2026-W47", <see cref="IsoWeekJsonConverter"/>), an enum travels as one of its names (JsonStringEnumConverter), and a
/// property is required exactly when it is always written: computed ones (GlueSummary.GlueHours) are, those ignored when
/// default (GlueSummary.DelegatedMinutes, absent when zero) are not.
/// </summary>
public static class OpenApiShapes
{
    /// <summary>
    /// What every tab and add-in route may answer besides its own results: 401 without a valid token, 400 for a body over
    /// the limit, 503 when storage or Graph is down (TabsServices, DependencyProblems).
    /// </summary>
    public static TBuilder WithTabApiProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(void)),
            new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ProblemDetails), ["application/problem+json"]),
            new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(ProblemDetails), ["application/problem+json"]));

    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (type == typeof(IsoWeek))
            {
                schema.Type = JsonSchemaType.String;
                schema.Pattern = @"^\d{4}-W\d{2}$";
            }
            else if (type.IsEnum && schema.Enum is { Count: > 0 })
            {
                schema.Type = JsonSchemaType.String;
            }
            else if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 } properties)
            {
                schema.Required = context.JsonTypeInfo.Properties
                    .Where(p => p.Get is not null && p.ShouldSerialize is null && properties.ContainsKey(p.Name))
                    .Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            }
            return Task.CompletedTask;
        });
    }
}
