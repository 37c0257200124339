using Microsoft.Extensions.Options;

namespace GlueTeams.App.Extensions;

/// <summary>
/// The one way GlueTeams binds a configuration section: AddOptions().BindConfiguration().ValidateOnStart(), checked by
/// the options class's own Problems (one sentence naming the setting each), and the bound value as a singleton.
/// </summary>
public static class Settings
{
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, string section, Func<T, bool, IEnumerable<string>> problems)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(sp => new Validator<T>(sp.GetRequiredService<IHostEnvironment>().IsDevelopment(), problems));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services;
    }

    /// <summary>The bound section, for decisions taken while services are registered (what to add at all).</summary>
    public static T Read<T>(this IConfiguration configuration, string section) where T : class, new() =>
        configuration.GetSection(section).Get<T>() ?? new T();

    /// <summary>
    /// Runs every start-time check now (before anything is built from settings) and turns failures into one line per
    /// problem on <paramref name="errors"/>; false when the app must not start.
    /// </summary>
    public static bool Check(IServiceProvider services, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                errors.WriteLine("GlueTeams cannot start: " + failure);
            }
            return false;
        }
        catch (InvalidOperationException e) // a value the binder cannot convert, named in the message
        {
            errors.WriteLine("GlueTeams cannot start: " + e.Message);
            return false;
        }
        catch (AggregateException all) when (all.InnerExceptions.All(i => i is OptionsValidationException))
        {
            foreach (var failure in all.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures))
            {
                errors.WriteLine("GlueTeams cannot start: " + failure);
            }
            return false;
        }
    }

    private sealed class Validator<T>(bool isDevelopment, Func<T, bool, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var found = problems(options, isDevelopment).ToList();
            return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
        }
    }
}
