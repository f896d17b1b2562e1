package io.mlops.git;

import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** The Git work tree that contains a path, read and committed to with JGit. */
public final class GitWorkspace {
    private final Repository repository;
    private final Path workTree;

    private GitWorkspace(Repository repository) {
        this.repository = repository;
        this.workTree = repository.getWorkTree().toPath().toAbsolutePath().normalize();
    }

    /**
     * Finds the Git work tree that contains a path.
     *
     * @param path any file or directory
     * @return the work tree, or empty when the path is not inside one
     */
    public static Optional<GitWorkspace> containing(Path path) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder()
                .readEnvironment()
                .findGitDir(path.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try {
            Repository repository = builder.build();
            if (repository.isBare()) {
                return Optional.empty();
            }
            return Optional.of(new GitWorkspace(repository));
        } catch (IOException e) {
            throw new UserError("cannot open the Git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The root of the work tree.
     *
     * @return an absolute, normalized path
     */
    public Path workTree() {
        return workTree;
    }

    /**
     * Reads the checked-out commit and whether tracked files have uncommitted changes.
     *
     * <p>Only paths Git tracks are visited: data directories full of untracked or ignored files, as
     * ML workspaces have, cost nothing here (a full status would walk every one of them).
     *
     * @return the state of the work tree
     */
    public GitState state() {
        try {
            ObjectId head = repository.resolve("HEAD^{tree}");
            ObjectId commit = repository.resolve("HEAD");
            return new GitState(commit == null ? null : commit.name(), trackedFilesChanged(head));
        } catch (IOException e) {
            throw new UserError("cannot read the Git state of " + workTree + ": " + e.getMessage(), e);
        }
    }

    private boolean trackedFilesChanged(ObjectId headTree) throws IOException {
        try (ObjectReader reader = repository.newObjectReader();
                TreeWalk walk = new TreeWalk(repository, reader)) {
            if (headTree == null) {
                walk.addTree(new EmptyTreeIterator());
            } else {
                walk.addTree(headTree);
            }
            DirCache index = repository.readDirCache();
            walk.addTree(new DirCacheIterator(index));
            walk.addTree(new FileTreeIterator(repository));
            walk.setRecursive(true);
            walk.setFilter(new TrackedPathsOnly());
            while (walk.next()) {
                DirCacheIterator staged = walk.getTree(1, DirCacheIterator.class);
                WorkingTreeIterator working = walk.getTree(2, WorkingTreeIterator.class);
                boolean stagedDiffersFromHead = walk.getRawMode(0) != walk.getRawMode(1) || !walk.idEqual(0, 1);
                if (stagedDiffersFromHead || staged == null || working == null) {
                    return true;
                }
                if (working.isModified(staged.getDirCacheEntry(), true, reader)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Visits only paths in HEAD or in the index, skipping untracked directories whole. */
    private static final class TrackedPathsOnly extends TreeFilter {
        @Override
        public boolean include(TreeWalk walker) {
            return walker.getRawMode(0) != 0 || walker.getRawMode(1) != 0;
        }

        @Override
        public boolean shouldBeRecursive() {
            return false;
        }

        @Override
        public TreeFilter clone() {
            return this;
        }
    }

    /**
     * Commits exactly the given files, leaving anything else staged or changed alone.
     *
     * @param files files inside the work tree (added if new)
     * @param message the commit message
     * @return the id of the new commit
     * @throws UserError when a file is outside the work tree or the commit fails
     */
    public String commitOnly(List<Path> files, String message) {
        try (Git git = new Git(repository)) {
            CommitCommand commit = git.commit().setMessage(message);
            for (Path file : files) {
                String relative = relative(file);
                git.add().addFilepattern(relative).call();
                commit.setOnly(relative);
            }
            RevCommit created = commit.call();
            return created.getId().name();
        } catch (GitAPIException e) {
            throw new UserError("cannot commit " + files + " in " + workTree + ": " + e.getMessage(), e);
        }
    }

    private String relative(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(workTree)) {
            throw new UserError(file + " is outside the Git work tree " + workTree);
        }
        return workTree.relativize(absolute).toString().replace('\\', '/');
    }
}
