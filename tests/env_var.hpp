// Sets (or, with nullopt or nullptr, unsets) an environment variable for one scope of a
// test, and restores what was there before when the scope ends.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

namespace test_env {

class EnvVar {
public:
    EnvVar(const char* name, const std::optional<std::string>& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value)
            ::setenv(name, value->c_str(), 1);
        else
            ::unsetenv(name);
    }
    EnvVar(const char* name, const char* value)
        : EnvVar(name, value != nullptr ? std::optional<std::string>(value) : std::nullopt) {}
    EnvVar(const EnvVar&) = delete;
    EnvVar& operator=(const EnvVar&) = delete;
    ~EnvVar() {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};

}  // namespace test_env
