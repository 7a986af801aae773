using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Accounts;

internal sealed class ConnectedAccountConfiguration : IEntityTypeConfiguration<ConnectedAccount>
{
    public void Configure(EntityTypeBuilder<ConnectedAccount> builder)
    {
        builder.ToTable("ConnectedAccounts");
        builder.Property(a => a.Network).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.ServerUrl).HasMaxLength(500);
        builder.Property(a => a.Handle).HasMaxLength(300);
        builder.Property(a => a.RemoteAccountId).HasMaxLength(300);
        builder.Property(a => a.DisplayName).HasMaxLength(300);
        builder.Property(a => a.ProtectedSecret).HasMaxLength(8000);
        builder.Property(a => a.ConnectedBy).HasMaxLength(300);
        builder.Property(a => a.LastCheckError).HasMaxLength(1000);
        builder.Property(a => a.PostingRoles).HasMaxLength(200);
        builder.HasIndex(a => new { a.Network, a.ServerUrl, a.RemoteAccountId }).IsUnique();
    }
}
