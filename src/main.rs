//! The `broadsheet` binary: parse the command line, run the command, print what it reports.

use std::process::ExitCode;

/// A build allocates many small strings and values across threads; mimalloc handles that
/// faster than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use broadsheet::cli::{Cli, Command};
use broadsheet::cmd;
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Init(args) => cmd::init::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Serve(args) => cmd::serve::run(args, |note| {
            if note.is_problem() {
                eprintln!("{note}");
            } else {
                println!("{note}");
            }
        }),
    };
    match result {
        Ok(report) => {
            for diagnostic in &report.diagnostics {
                eprintln!("{diagnostic}");
            }
            if report.success {
                println!("{}", report.summary);
                ExitCode::SUCCESS
            } else {
                eprintln!("error: {}", report.summary);
                ExitCode::FAILURE
            }
        }
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}
