using System.ComponentModel.DataAnnotations;

namespace PressDeck.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the SQLite database and the Data Protection keys; relative paths are from the working directory.</summary>
    [Required]
    public string DataFolder { get; set; } = "./data";

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataFolder), "pressdeck.db");
}
